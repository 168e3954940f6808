/** What to tell a user who has no Redis, per operating system (`process.platform`). */
export function redisInstallHelp(platform: string = process.platform): string {
  const steps: Record<string, string> = {
    linux:
      'Debian/Ubuntu: sudo apt-get install redis-server   (Fedora: sudo dnf install redis; ' +
      'Arch: sudo pacman -S redis)',
    darwin: 'macOS: brew install redis   (Homebrew: https://brew.sh)',
    win32:
      'Windows: Redis has no native Windows build. Either install it in WSL (wsl --install, then ' +
      'inside WSL: sudo apt-get install redis-server && redis-server) and use ' +
      'redis://127.0.0.1:6379, or install Memurai (a Redis-compatible server for Windows, ' +
      'https://www.memurai.com) and use its URL.',
  };
  return [
    'No Redis server answered and redis-server was not found on PATH.',
    steps[platform] ?? `Install redis-server with your system's package manager.`,
    'Or point Pipewright at a running server: set the Redis URL in Settings, or pass ' +
      '--redis redis://host:port on the command line.',
    'The simulator needs no Redis and stays available.',
  ].join('\n');
}
