// Downloading a file the oversight API builds (通报, 自查表, 考核表): fetched first, so that a refusal or a bad input
// shows as the server's Chinese message instead of a page of JSON; saved under the name the server gives.
import { ApiError } from '../api.ts';

export async function download(url: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError('无法连接服务器，请检查网络后重试', 0);
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as { message?: string };
    throw new ApiError(err.message ?? `下载失败（${res.status}）`, res.status);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const exact = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const name = exact ? decodeURIComponent(exact) : 'download';
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
