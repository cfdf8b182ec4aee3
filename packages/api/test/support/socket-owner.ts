import fs from 'node:fs';

/**
 * Which process holds the server end of a TCP connection, read from Linux's /proc as `ss -p` does: for tests of
 * `pnpm start`'s workers (node:cluster), where the primary accepts a connection and hands it to one worker.
 */

/** The established connections whose local port is `port` (the server's end): socket inode → remote port. */
export function serverConnections(port: number): Map<string, number> {
  const found = new Map<string, number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(1) : [];
    for (const line of lines) {
      const columns = line.trim().split(/\s+/);
      if (columns.length < 10) continue;
      const local = Number.parseInt(columns[1]!.split(':').at(-1)!, 16);
      const remote = Number.parseInt(columns[2]!.split(':').at(-1)!, 16);
      const established = columns[3] === '01';
      if (established && local === port) found.set(columns[9]!, remote);
    }
  }
  return found;
}

/** The pid among `pids` with an open file descriptor on the socket `inode`, or null. */
export function ownerOf(inode: string, pids: readonly number[]): number | null {
  const target = `socket:[${inode}]`;
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === target) return pid;
      } catch {
        // Closed meanwhile.
      }
    }
  }
  return null;
}

/**
 * The pids whose parent is `parent` and whose command line matches `command` (a cluster primary's workers, not
 * the esbuild service tsx starts), from /proc.
 */
export function childrenOf(parent: number, command: RegExp): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the command in parentheses, which may itself hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (ppid === parent && command.test(cmdline)) children.push(Number(entry));
    } catch {
      // Exited meanwhile.
    }
  }
  return children;
}
