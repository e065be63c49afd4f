/**
 * Compiles the app once per test run (TypeScript → dist/), so each API test file
 * only boots the compiled app on its own temporary database.
 */
export default async function globalSetup() {
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: process.cwd(), ignoreDiagnostics: false });
}
