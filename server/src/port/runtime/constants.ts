// PHP's core constants that programs around sockets use.

export const PHP_EOL = '\n';

export const PHP_INT_MAX = 9223372036854775807;

export const PHP_INT_MIN = -9223372036854775808;

export const PHP_INT_SIZE = 8;

export const PHP_FLOAT_EPSILON = 2.220446049250313e-16;

export const PHP_OS = 'Linux';

export const PHP_OS_FAMILY = 'Linux';

export const M_PI = 3.141592653589793;

export const E_ERROR = 1;

export const E_WARNING = 2;

export const E_NOTICE = 8;

export const E_STRICT = 2048;

export const E_DEPRECATED = 8192;

export const E_ALL = 32767;

export const SORT_REGULAR = 0;

export const SORT_NUMERIC = 1;

export const SORT_STRING = 2;

export const COUNT_RECURSIVE = 1;

// Signal numbers of Linux (pcntl's constants), for programs that name them.

export const SIG_DFL = 0;

export const SIG_IGN = 1;

export const SIGHUP = 1;

export const SIGINT = 2;

export const SIGQUIT = 3;

export const SIGKILL = 9;

export const SIGUSR1 = 10;

export const SIGUSR2 = 12;

export const SIGPIPE = 13;

export const SIGALRM = 14;

export const SIGTERM = 15;

export const SIGCHLD = 17;
