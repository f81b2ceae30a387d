// The most common passwords, refused at sign-up and password change (filled from a public list).
export const COMMON_PASSWORDS = `password\n12345678\n123456789\nqwertyuiop\npassword1\niloveyou`;
