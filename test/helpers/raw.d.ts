// Vite's `?raw` imports (the spec files and wrangler.toml as text; vitest's workers pool resolves them).
declare module '*?raw' {
  const text: string;
  export default text;
}
