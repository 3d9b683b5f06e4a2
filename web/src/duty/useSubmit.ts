// A form's send on the duty screens: busy while it runs, a success toast, or the server's Chinese message kept for
// the form to show beside its fields.
import { App } from 'antd';
import { useState } from 'react';

export function useSubmit() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      message.success(done);
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : '操作失败');
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
