import type { Core } from '@strapi/strapi';

/**
 * End users do not register themselves (`/api/auth/local/register`): this is a team's tool,
 * and accounts are made by an admin. USERS_ALLOW_REGISTER=true turns self-registration on;
 * the environment decides at every start (the admin's toggle would be overwritten).
 */
export async function applyRegistrationSetting(strapi: Core.Strapi) {
  const allow = process.env.USERS_ALLOW_REGISTER === 'true';
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register === allow) return;
  await store.set({ key: 'advanced', value: { ...advanced, allow_register: allow } });
  strapi.log.info(`[bootstrap] end-user self-registration ${allow ? 'on' : 'off'} (USERS_ALLOW_REGISTER)`);
}
