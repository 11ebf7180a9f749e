import { bundleAppSyncCode, wiredBundleTargets } from '../tooling/appsync-bundle';

const targets = wiredBundleTargets();
await bundleAppSyncCode(process.cwd(), targets);
console.log(`bundled ${targets.length} APPSYNC_JS modules into dist/appsync/`);
