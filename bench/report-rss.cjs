// Preloaded into a measured process (`node -r`): prints its peak resident memory and the CPU
// time of all its threads at exit (on a shared machine the CPU time varies less than the wall time).
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\npeak-rss-kb ${usage.maxRSS}\ncpu-ms ${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
});
