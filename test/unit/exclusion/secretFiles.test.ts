import * as assert from 'node:assert/strict';
import { compileGlob } from '../../../src/core/exclusion/globPattern';
import { DEFAULT_EXCLUDED_FILES, SecretFileFilter, effectiveExcludePatterns } from '../../../src/core/exclusion/secretFiles';

const file = (path: string, scheme = 'file') => ({ scheme, path });

describe('glob patterns', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*.pem', '/home/u/app/server.pem', true],
    ['*.pem', '/home/u/app/server.pem.txt', false],
    ['.env*', '/repo/.env', true],
    ['.env*', '/repo/config/.env.local', true],
    ['.env*', '/repo/my.env.ts', false],
    ['id_rsa*', '/home/u/.ssh/id_rsa.pub', true],
    ['.aws/config', '/home/u/.aws/config', true],
    ['.aws/config', '/home/u/aws/config', false],
    ['**/secrets/*.json', '/repo/deploy/secrets/db.json', true],
    ['**/secrets/*.json', '/repo/deploy/secrets/sub/db.json', false],
    ['/repo/*.ini', '/repo/a.ini', true],
    ['/repo/*.ini', '/other/repo/a.ini', false],
    ['*.{key,crt}', '/x/site.crt', true],
    ['*.{key,crt}', '/x/site.csr', false],
    ['secret?.txt', '/x/secret1.txt', true],
    ['secret?.txt', '/x/secret12.txt', false],
    ['[ab]*.txt', '/x/b-notes.txt', true],
    ['[!ab]*.txt', '/x/b-notes.txt', false],
    ['*.KEY', '/x/Server.key', true],
    ['*.key', 'C:\\Users\\u\\server.key', true],
    ['credentials*', '/home/u/.aws/credentials', true],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(compileGlob(pattern).test(path), expected);
    });
  }

  it('a pattern that cannot compile matches nothing instead of throwing', () => {
    assert.equal(compileGlob('[z-a]').test('/x/z'), false);
  });
});

describe('secret files', () => {
  const filter = new SecretFileFilter();
  const defaults = [...DEFAULT_EXCLUDED_FILES];

  for (const path of ['/r/.env', '/r/.env.production', '/r/certs/tls.pem', '/r/tls.key', '/home/u/.ssh/id_rsa', '/home/u/.ssh/id_ed25519.pub',
    '/home/u/.npmrc', '/home/u/.netrc', '/home/u/.aws/credentials', '/r/credentials.json', '/r/.git-credentials', '/r/prod.tfvars', '/r/.pypirc']) {
    it(`excludes ${path} by default`, () => {
      const verdict = filter.verdict(file(path), defaults);
      assert.equal(verdict.excluded, true);
      assert.match(verdict.excluded ? verdict.reason : '', /cometComplete\.excludeFiles/);
    });
  }

  for (const path of ['/r/src/main.ts', '/r/environment.ts', '/r/keyboard.py', '/r/README.md', '/r/.vscode/settings.json', '/r/docs/keys.md']) {
    it(`sends from ${path}`, () => assert.deepEqual(filter.verdict(file(path), defaults), { excluded: false }));
  }

  it("excludes VS Code's own settings files and keeps untitled buffers", () => {
    assert.equal(filter.verdict(file('/User/settings.json', 'vscode-userdata'), []).excluded, true);
    // code-server / remote windows: a plain file in the user-data folder.
    assert.equal(filter.verdict(file('/tmp/x/user-data/User/settings.json'), []).excluded, true);
    assert.equal(filter.verdict(file('/home/u/.vscode-server/data/Machine/settings.json'), []).excluded, true);
    assert.equal(filter.verdict(file('/home/u/.config/Code/User/profiles/1a2b/keybindings.json'), []).excluded, true);
    assert.equal(filter.verdict(file('/repo/.vscode/settings.json'), []).excluded, false);
    assert.equal(filter.verdict(file('Untitled-1', 'untitled'), ['Untitled*']).excluded, false);
  });

  it('names the pattern that matched', () => {
    const verdict = filter.verdict(file('/r/site.pem'), ['*.key', '*.pem']);
    assert.ok(verdict.excluded && verdict.reason.includes('“*.pem”'));
  });

  it('the user list replaces the default; workspace and folder lists only add', () => {
    assert.deepEqual(effectiveExcludePatterns({ defaultValue: ['.env*', '*.pem'] }), ['.env*', '*.pem']);
    assert.deepEqual(effectiveExcludePatterns({ defaultValue: ['.env*', '*.pem'], userValue: ['*.pem'] }), ['*.pem']);
    assert.deepEqual(
      effectiveExcludePatterns({ defaultValue: ['.env*'], workspaceValue: [], folderValue: ['*.cfg', '.env*'] }),
      ['.env*', '*.cfg'],
      'an empty workspace list must not drop the defaults',
    );
  });
});
