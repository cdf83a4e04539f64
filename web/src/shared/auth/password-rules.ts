/** The API's rule for passwords (src/users/dto/user.inputs.ts: PASSWORD_MIN … PASSWORD_MAX). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Form rules for a new password, with Chinese messages. */
export const newPasswordRules = [
  { required: true, message: '请输入新密码' },
  { min: PASSWORD_MIN, message: `密码至少 ${PASSWORD_MIN} 个字符` },
  { max: PASSWORD_MAX, message: `密码最多 ${PASSWORD_MAX} 个字符` },
];
