// Reads a password for the CLI: from a terminal without echo (asked twice), or the first line of piped stdin
// (`echo "$PW" | gongkai user passwd kjj.staff`), so it never has to appear on the command line.

/** One line typed at the terminal, not echoed. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new Error('已取消'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** The password from the terminal (confirmed when `confirm`) or stdin; throws a zh-CN error when empty
 *  or mismatched. */
export async function readPassword(question: string, confirm: boolean): Promise<string> {
  if (!process.stdin.isTTY) {
    const line = await firstLineOfStdin();
    if (!line) throw new Error('未读到密码：请用 --password 指定，或从标准输入提供一行密码');
    return line;
  }
  const first = await promptHidden(question);
  if (!first) throw new Error('密码不能为空');
  if (confirm && (await promptHidden('再次输入：')) !== first) throw new Error('两次输入的密码不一致');
  return first;
}
