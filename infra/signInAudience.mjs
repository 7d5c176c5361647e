// Run by teamsapp.yml (`script` step) before aadApp/update: picks the sign-in app's audience from
// the tenants allowed to use the side panel and hands it to the toolkit as AAD_APP_SIGN_IN_AUDIENCE,
// which infra/aad.manifest.json uses. The school's tenant alone: AzureADMyOrg. Any further tenant
// in AAD_APP_ALLOWED_TENANTS: AzureADMultipleOrgs, or Entra would refuse those staff a sign-in token.
// The service still accepts only the listed tenants (bot/src/config.ts, AAD_APP_ALLOWED_TENANTS).
// The toolkit runs it with the env file's values (and earlier steps' outputs) in its environment.
const tenant = (process.env.AAD_APP_TENANT_ID ?? '').trim().toLowerCase();
const others = (process.env.AAD_APP_ALLOWED_TENANTS ?? '')
  .split(',')
  .map((id) => id.trim().toLowerCase())
  // `none` is how env files say "no other tenants" (the toolkit refuses empty values).
  .filter((id) => id !== '' && id !== 'none' && id !== tenant);
const audience = others.length > 0 ? 'AzureADMultipleOrgs' : 'AzureADMyOrg';
// The toolkit reads this line and writes the value to env/.env.<env>.
console.log(`::set-teamsfx-env AAD_APP_SIGN_IN_AUDIENCE=${audience}`);
