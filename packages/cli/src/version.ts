// The CLI's version, injected by the bundler from packages/cli/package.json.
declare const POM_VERSION: string | undefined;
export const VERSION: string = typeof POM_VERSION === 'string' ? POM_VERSION : '0.0.0-dev';
