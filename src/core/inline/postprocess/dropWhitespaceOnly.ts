/** A suggestion with nothing but whitespace is no suggestion: returns ''. */
import { isBlank, PostprocessFilterFactory } from './postprocessContext';

export const dropWhitespaceOnly: PostprocessFilterFactory = () => (text) => (isBlank(text) ? '' : text);
