// The version users see in --version and in SARIF's tool.driver; esbuild inlines just this field.
import { version } from '../../../package.json';

export const VERSION: string = version;
