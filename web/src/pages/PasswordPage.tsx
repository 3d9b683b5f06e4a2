// 修改密码: the person's own password. After an administrator set it (new account, 重置密码) it is a one-time password:
// this is the only screen until it is changed (the server answers PASSWORD_CHANGE_REQUIRED to everything else).
import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../session.tsx';

interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  repeat: string;
}

// platform/auth/password.ts passwordProblem, checked here before sending.
const passwordRule = {
  validator: async (_: unknown, pw: string | undefined) => {
    if (!pw) return;
    if (pw.length < 8) throw new Error('密码至少 8 位');
    if (!/[A-Za-z]/.test(pw) || !/\d/.test(pw)) throw new Error('密码须同时包含字母和数字');
  },
};

export function PasswordPage({ forced = false }: { forced?: boolean }) {
  const { user, changePassword, signOut } = useSession();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(v.oldPassword, v.newPassword);
      message.success('密码已修改，其他设备上的登录已退出');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const card = (
    <Card style={{ width: 420 }} data-testid="password-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        修改密码
      </Typography.Title>
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="password-required"
          title={`${user?.name ?? ''}，您的密码由管理员设置，只能使用一次。请设置只有您自己知道的新密码后继续使用。`}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
      <Form<PasswordForm> layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="oldPassword"
          label={forced ? '管理员设置的密码' : '原密码'}
          rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password-old" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          rules={[{ required: true, message: '请输入新密码' }, passwordRule]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label="再次输入新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, v) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="password-repeat" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit">
          修改密码
        </Button>
        {forced && (
          <Button type="link" block onClick={() => void signOut()} style={{ marginTop: 8 }}>
            退出登录
          </Button>
        )}
      </Form>
    </Card>
  );
  if (!forced) return card;
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f5f5f5',
      }}>
      {card}
    </div>
  );
}
