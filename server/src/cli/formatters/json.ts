// ESLint's json format: the results array as it is.
import type { Formatter } from './index';

export const formatJson: Formatter = (results) => JSON.stringify(results);
