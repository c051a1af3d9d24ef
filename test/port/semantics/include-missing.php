<?php
// include/include_once of a missing file warns and goes on (twice: a failed include_once is not
// remembered); require of one is a fatal Error after its warning.
include 'no-such-file.php';
echo "after include\n";
include_once __DIR__ . '/no-such-dir/settings.php';
include_once __DIR__ . '/no-such-dir/settings.php';
echo "after include_once\n";
require_once 'no-such-library.php';
echo "never printed\n";
