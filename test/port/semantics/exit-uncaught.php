<?php
// An uncaught exception ends the script with status 255.
echo "about to throw\n";
try {
    throw new RuntimeException('handled', 4);
} catch (LogicException $wrong) {
    echo "not this one\n";
} catch (RuntimeException | InvalidArgumentException $caught) {
    echo 'caught ', get_class($caught), ' ', $caught->getMessage(), ' ', $caught->getCode(), "\n";
} finally {
    echo "finally\n";
}
throw new InvalidArgumentException('not handled');
