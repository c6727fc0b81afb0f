/** What every suite leaves behind (as JSON in $COMET_RESULT_FILE) for scripts/test.sh to add up. */
export interface SuiteResult {
  passes: number;
  failures: number;
  pending: number;
  failed: { title: string; error: string }[];
}
