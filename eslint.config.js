// APPSYNC_JS rules for every file that ends up inside a resolver bundle: the resolvers themselves and
// the shared model code they import. The same rules are enforced again at run time by the local sandbox.
import appsync from '@aws-appsync/eslint-plugin';

const appsyncFiles = ['resolvers/**/*.ts', 'model/**/*.ts'];

export default [
  { ignores: ['node_modules/**', 'dist/**', 'cdk.out/**', '.data/**', 'web/dist/**'] },
  { ...appsync.configs.recommended, files: appsyncFiles },
  {
    files: appsyncFiles,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
];
