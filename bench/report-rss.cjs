// Preloaded into a measured process (`node -r`): prints its peak resident memory at exit.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
