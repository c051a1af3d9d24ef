<?php
// iconv() as socket programs of Chinese authors call it (UTF-8 text sent as GB2312), and its
// failures: bytes invalid in the source or a character the target lacks give a notice and false,
// //IGNORE drops them. The digests cover glibc's whole GB2312 and GBK tables, both ways.
echo bin2hex(iconv('UTF-8', 'GB2312', "测试成功！\n")), ' ', bin2hex(iconv('utf-8', 'gbk', "收到的信息:hi€\n")), "\n";
echo iconv('GB2312', 'UTF-8', "\xb2\xe2\xca\xd4"), iconv('CP936', 'UTF8', "\x80"), iconv('ISO-8859-1', 'UTF-8', "caf\xe9"), "\n";
var_dump(iconv('UTF-8', 'ISO-8859-1', 'café'), iconv('UTF-8', 'ASCII', "plain\x00\x7f"), iconv('latin1', 'US-ASCII', 'x'));
var_dump(iconv('UTF-8', 'GB2312', 'a😀b'), iconv('UTF-8', 'GB2312//IGNORE', 'a😀b'), iconv('UTF-8', 'ISO-8859-1//IGNORE', "a€b\xe9c"));
var_dump(iconv('UTF-8', 'UTF-8', "a\xffb"), iconv('UTF-8', 'UTF-8', "\xed\xa0\x80"), iconv('UTF-8', 'UTF-8', "\xc0\x80"), iconv('GB2312', 'UTF-8', "a\xb2"));
var_dump(iconv('GB2312', 'UTF-8//IGNORE', "a\xa2\xa1b"), iconv('UTF-8', 'ASCII//IGNORE', 'é'), iconv('UTF-8', 'ISO-8859-1', ''));

function utf8($codePoint) {
    if ($codePoint < 0x80) {
        return chr($codePoint);
    }
    if ($codePoint < 0x800) {
        return chr(0xc0 | ($codePoint >> 6)) . chr(0x80 | ($codePoint & 0x3f));
    }
    return chr(0xe0 | ($codePoint >> 12)) . chr(0x80 | (($codePoint >> 6) & 0x3f)) . chr(0x80 | ($codePoint & 0x3f));
}

foreach (['GB2312' => [0xa1, 0xf7, 0xa1], 'GBK' => [0x81, 0xfe, 0x40]] as $charset => $layout) {
    $firstLead = $layout[0];
    $lastLead = $layout[1];
    $firstTrail = $layout[2];
    $decoded = '';
    for ($lead = $firstLead; $lead <= $lastLead; $lead++) {
        for ($trail = $firstTrail; $trail <= 0xfe; $trail++) {
            $text = @iconv($charset, 'UTF-8', chr($lead) . chr($trail));
            $decoded .= $text === false ? '-' : $text;
        }
    }
    $encoded = '';
    for ($codePoint = 0x80; $codePoint < 0x10000; $codePoint++) {
        if ($codePoint < 0xd800 || $codePoint >= 0xe000) {
            $bytes = @iconv('UTF-8', $charset, utf8($codePoint));
            $encoded .= $bytes === false ? '-' : $bytes;
        }
    }
    echo $charset, ' ', md5($decoded), ' ', md5($encoded), ' ', strlen($encoded), "\n";
}
