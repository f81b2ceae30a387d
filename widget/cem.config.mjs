// Custom Elements Manifest config (npm run manifest → custom-elements.json): the elements and their
// base class; members tagged @internal, Lit state properties and unnamed event guesses are left out.
export default {
  globs: ['widget/src/elements/*.ts', 'widget/src/account-element.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            const internal = new Set(
              (decl.members ?? [])
                .filter((m) => m.privacy === 'private' || m.privacy === 'protected' || !m.description || /@internal/.test(m.description))
                .map((m) => m.name),
            );
            decl.members = (decl.members ?? []).filter((m) => !internal.has(m.name));
            decl.attributes = (decl.attributes ?? []).filter((a) => a.name === 'lang' || !internal.has(a.fieldName));
            decl.events = (decl.events ?? []).filter((e) => e.name);
          }
        }
      },
    },
  ],
};
