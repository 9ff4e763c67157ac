export * from './mode';
export * from './schemas';
export * from './session';
export { signUp, AccountExistsError } from './sign-up';
export { signIn } from './sign-in';
export { hashPassword, verifyPassword } from './password';
