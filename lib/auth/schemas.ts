import { z } from 'zod';

export const signUpInput = z.object({
  email: z.email('Enter a valid email address.').max(254).transform((email) => email.toLowerCase()),
  password: z.string().min(10, 'Use at least 10 characters.').max(200, 'Use at most 200 characters.'),
});

export const signInInput = z.object({
  email: z.email('Enter a valid email address.').max(254).transform((email) => email.toLowerCase()),
  password: z.string().min(1, 'Enter your password.').max(200),
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(200),
  newPassword: z.string().min(10, 'Use at least 10 characters.').max(200, 'Use at most 200 characters.'),
});

/** Who is signed in, as every server action and page sees it. */
export const CurrentUserSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  /** The local session the request came with; null with Clerk, whose sessions Clerk keeps. */
  sessionId: z.string().nullable(),
});
export type CurrentUser = z.infer<typeof CurrentUserSchema>;
