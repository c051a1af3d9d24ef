<?php
// preg_match/replace/split/quote (PCRE translated to RegExp where the meaning is the same), md5/sha1, url
// coding, chop and json_decode($s, true), as the WebSocket and HTTP servers use them.
$request = "GET /chat HTTP/1.1\r\nHost: example.com\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
if (preg_match('#Sec-WebSocket-Key: (.*)\r\n#', $request, $matches)) {
    echo "key: ", $matches[1], "\n";
}
$n = preg_match('/^(?P<verb>[A-Z]+) (\S+)/', $request, $parts);
echo $n, ' ', json_encode($parts), "\n";
echo preg_match('/nothing(here)?/', $request), "\n";
echo base64_encode(sha1($matches[1] . '258EAFA5-E914-47DA-95CA-C5AB0DC85B11', true)), "\n";
echo md5('hello'), ' ', sha1('abc'), ' ', bin2hex(md5('x', true)), "\n";
echo preg_replace('/\s+/', ' ', "a  b\t\tc\nd"), '|', preg_replace('/(\w+)@(\w+)/', '$2 at ${1} \2', 'me@host'), "\n";
echo json_encode(preg_split('/[\s,]+/', "a, b  c,d")), ' ', json_encode(preg_split('//', 'abc', -1, PREG_SPLIT_NO_EMPTY)), ' ', json_encode(preg_split('/(-)/', 'a-b-c', -1, PREG_SPLIT_DELIM_CAPTURE)), "\n";
echo json_encode(preg_split('/,/', 'a,b,c,d', 2)), "\n";
echo preg_quote('Hello.World?(1+1=2) #/'), ' ', preg_quote('a/b', '/'), "\n";
echo urldecode('a%20b+c%2Fd%zz'), ' ', rawurldecode('a+b%41'), ' ', urlencode('a b&c=d/é~'), ' ', rawurlencode('a b~'), "\n";
echo chop("line \n"), '|', chop('xxhixx', 'x'), "\n";
var_dump(json_decode('{"type":"msg","text":"hi","n":[1,2]}', true));
echo preg_match('/end$/', "the end\n"), preg_match('/end$/D', "the end\n"), preg_match('/^b/m', "a\nb"), preg_match('/a.c/', "a\nc"), preg_match('/a.c/s', "a\nc"), "\n";
echo preg_match('/HELLO/i', 'say hello'), ' ', var_export(@preg_match('/unterminated', 'x'), true), "\n";
