// The admin screens' dialogs and one-click actions: a form in a modal that is checked here first, sent, and on
// failure shows the server's Chinese message (on the field it names, when the form has that field).
import { Alert, App, Button, Form, Modal, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api.ts';

interface FormModalProps<T> {
  title: string;
  open: boolean;
  onClose: () => void;
  onSubmit: (values: T) => Promise<unknown>;
  done: string; // 已新建单位
  testId: string; // the form's data-testid; its submit button is `${testId}-submit`, its error `${testId}-error`
  initialValues?: Partial<T>;
  submitText?: string;
  children: ReactNode;
}

export function FormModal<T extends object>(props: FormModalProps<T>) {
  return (
    <Modal title={props.title} open={props.open} onCancel={props.onClose} footer={null} destroyOnHidden width={560}>
      <ModalForm {...props} />
    </Modal>
  );
}

// Inside the modal so that its state starts afresh each time the dialog opens.
function ModalForm<T extends object>({
  onClose,
  onSubmit,
  done,
  testId,
  initialValues,
  submitText,
  children,
}: FormModalProps<T>) {
  const [form] = Form.useForm<T>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const finish = async (values: T) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      message.success(done);
      onClose();
    } catch (e) {
      const text = e instanceof Error ? e.message : '操作失败';
      setError(text);
      if (e instanceof ApiError && e.field && e.field in form.getFieldsValue())
        form.setFields([{ name: e.field as never, errors: [text] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={finish} data-testid={testId}>
      {children}
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid={`${testId}-error`} />
      )}
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onClose}>取消</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid={`${testId}-submit`}>
          {submitText ?? '确定'}
        </Button>
      </Space>
    </Form>
  );
}

/** A one-click action (toggle, delete): success or the server's message as a toast; true when it went through. */
export function useAction() {
  const { message } = App.useApp();
  return async (run: () => Promise<unknown>, done: string): Promise<boolean> => {
    try {
      await run();
      message.success(done);
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : '操作失败');
      return false;
    }
  };
}
