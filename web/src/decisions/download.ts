// Downloads a file the server makes (.xlsx, .docx, .zip): fetched first, so a refusal shows as the server's Chinese
// message instead of a page of JSON; the file name is the one the server gives.
import { ApiError, api } from '../api.ts';

function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

export async function download(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError('无法连接服务器，请检查网络后重试', 0);
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as { message?: string; code?: string };
    if (res.status === 404 && err.code === 'NOT_FOUND') throw new ApiError('该导出功能尚未开通', 404, err.code);
    throw new ApiError(err.message ?? `下载失败（${res.status}）`, res.status, err.code);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res, fallbackName);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** POST /api/decisions/catalogs/:id/notice-item: the 印发 notice as an item for 三审三校; its id. */
export const createNoticeItem = (catalogId: string) =>
  api<{ itemId: string }>('POST', `/api/decisions/catalogs/${catalogId}/notice-item`, {});
