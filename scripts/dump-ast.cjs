const {Engine} = require('php-parser');
const e = new Engine({parser:{suppressErrors:true, extractDoc:false, version:'8.3'}, ast:{withPositions:true}});
const src = require('fs').readFileSync(process.argv[2],'utf8');
const ast = e.parseCode(src, 'x.php');
console.log(JSON.stringify(ast, (k,v)=> k==='loc' ? (v? `${v.start.offset}-${v.end.offset}`:v) : v, 1));
