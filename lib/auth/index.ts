export * from './mode';
export * from './schemas';
export * from './session';
export { startSession, readSession, endSession } from './sessions';
export { signUp, AccountExistsError } from './sign-up';
export { signIn, type AttemptContext } from './sign-in';
export { changePassword } from './change-password';
export { hashPassword, verifyPassword } from './password';
export * from './limits';
