<?php
// Double quotes, heredoc and nowdoc: escapes and interpolation become the same bytes.
$name = 'world';
$count = 3;
$price = 9.5;
$items = ['first' => 'apple', 'list' => [1, 2]];
$list = ['zero', 'one'];
$flag = true;
$nothing = null;
echo "Hello $name! {$name}s ${name} \$name {$items['first']} $items[first] $list[1] {$list[0]}\n";
echo "count=$count price=$price flag=$flag nothing=[$nothing] sum={$count}0\n";
echo "escapes: \t|\x41\101\u{263A}\e[0m|\v|\f|\\|\q|\"|\$|\0|" . 'single \n $name \' \\' . "\n";
$text = <<<EOT
    Heredoc for $name:
      indented line with "quotes" and \t tab
    last line {$items['first']}
    EOT;
echo $text, "\n";
$raw = <<<'EOT'
  Nowdoc keeps $name and \t as written.
    Indentation beyond the marker stays.
  EOT;
echo $raw, "\n";
echo <<<TXT
No indentation, {$count} items, \$escaped, "quoted"
TXT;
echo "\n", 'concat: ' . $name . ' has ' . $count . ' items at ' . $price . "\n";
printf("%s has %d items\n", $name, $count);
echo "nested: {$items['list'][1]}\n";
