// Chaperone in Azure: one Linux App Service runs the whole service (bot endpoint, tab API, built
// tab, /healthz); state lives in Table Storage reached with a user-assigned managed identity, so
// no storage key or bot password exists (unless the bot is registered in the Teams Developer
// Portal, see `botRegistration`). Deployed by `teamsapp.yml` (arm/deploy); every output below is
// written to env/.env.<name> by the Teams Toolkit under the same name.

@description('Prefix for every resource name: letters, digits and hyphens, e.g. chaperone-stmarys.')
@minLength(3)
@maxLength(30)
param resourceBaseName string

@description('Azure region of everything but the bot registration (which is global).')
param location string = resourceGroup().location

@description('App Service plan size. Basic or above: "Always on" is not offered on Free/Shared.')
@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3'])
param appServiceSku string = 'B1'

@description('Number of instances (a string so env files can set it). The service is stateless, so any number works.')
param appServiceInstanceCount string = '1'

@description('azureBot: an Azure Bot with the managed identity (no secret). developerPortal: the bot was registered in the Teams Developer Portal (needed for participant join/leave events); no Azure Bot is created.')
@allowed(['azureBot', 'developerPortal'])
param botRegistration string = 'azureBot'

@description('developerPortal only: the bot id shown in the Teams Developer Portal (env files write none otherwise).')
param developerPortalBotId string = ''

@description('developerPortal only: a client secret of that bot\'s app registration.')
@secure()
param developerPortalBotPassword string = ''

@description('Name shown for the bot in Azure.')
param botDisplayName string = 'Chaperone'

@description('Client id of the Entra app used for the tab\'s single sign-on (aadApp/create).')
param aadAppClientId string

@description('Optional client secret of that Entra app, only for booking lessons as the teacher (on-behalf-of, delegated Calendars.ReadWrite and OnlineMeetings.ReadWrite). Empty or none: booking is not set up.')
@secure()
param aadAppClientSecret string = ''

@description('Tenant of that Entra app: the school\'s tenant.')
param aadAppTenantId string = tenant().tenantId

@description('Optional comma list of further tenants whose staff may use the tab, on top of the school\'s own. Empty or none: no others.')
param aadAppAllowedTenants string = ''

@description('Entra sign-in host; change only in a national cloud.')
param aadAuthorityHost string = 'https://login.microsoftonline.com'

@description('The school\'s policy preset (see the admin guide).')
@allowed(['strict', 'home-school', 'roche', 'crossways', 'staff-guidance', 'goodmayes'])
param policyPreset string = 'strict'

@description('Optional path on the Web App of a policy file that overrides the preset, e.g. /home/chaperone/policy.json. Empty or none: the preset alone.')
param policyFile string = ''

@description('Optional path on the Web App of the staff and DSL list, e.g. /home/chaperone/staff.json. Empty or none: no list.')
param staffDirectoryFile string = ''

@description('The Teams app id (set by teamsApp/create): the DSL\'s "Open the lesson record" opens the record tab in Teams. Empty: the alert page.')
param teamsAppId string = ''

@description('Optional object id of the Entra group holding all staff (checked through Microsoft Graph). Empty or none: no group.')
param staffGroupId string = ''

@description('Microsoft Graph base URL; change only in a national cloud.')
param graphBaseUrl string = 'https://graph.microsoft.com/v1.0'

@description('true: Chaperone puts lobby, presenter and mic settings right through Graph (needs the Graph permissions and access policy).')
@allowed(['true', 'false'])
param graphEnforceSettings string = 'true'

@description('How often each instance looks for due timers, in milliseconds.')
param sweepIntervalMs int = 5000

@description('Service log level.')
@allowed(['fatal', 'error', 'warn', 'info', 'debug'])
param logLevel string = 'info'

@description('Days that Log Analytics keeps logs and telemetry (they hold no pupil names or concern text).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

var useDeveloperPortalBot = botRegistration == 'developerPortal'
// The toolkit refuses an empty env value in azure.parameters.json, so env files write `none` for an
// optional setting that is not used; the service is given an empty value instead.
var notUsed = 'none'
var webAppName = '${resourceBaseName}-app'
// App Service's own host name; if you add a custom domain, also change TAB_DOMAIN and the Entra app.
var tabDomain = '${webAppName}.azurewebsites.net'
// Storage names are global, 3-24 lower-case letters and digits: add a hash of the resource group.
var storageName = take('${toLower(replace(resourceBaseName, '-', ''))}${uniqueString(resourceGroup().id)}', 24)
// The tables the service uses (bot/src/storage/tableClients.ts); it also creates any missing one at start.
var tableNames = ['meetings', 'timers', 'conversations', 'concerns', 'directoryCache', 'idempotency', 'bookings']
// Built-in role "Storage Table Data Contributor": read and write table entities, nothing else.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// The service's one identity: the bot's app id (azureBot mode), Table Storage and Microsoft Graph.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

var botAppId = useDeveloperPortalBot ? developerPortalBotId : identity.properties.clientId

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // No account keys: only Entra identities with a data role can read or write.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource tableDataRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: int(appServiceInstanceCount)
  }
  properties: {
    reserved: true // Linux
  }
}

// Every setting bot/src/config.ts reads in production, except these, deliberately absent
// (tests/infra/settingsInStep.test.ts reads this list and holds it to config.ts):
// - STORAGE_CONNECTION_STRING: shared keys are off; STORAGE_ACCOUNT_URL + managed identity instead.
// - AUTH_JWKS_URI, AUTH_ISSUER, BOT_OPENID_METADATA_URL: test overrides; Entra's and the public
//   cloud's Bot Framework keys are the defaults.
// - STORAGE_TABLE_PREFIX: one storage account per school needs none.
// - GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET, GRAPH_TENANT_ID: the managed identity signs in to Graph, no secret.
// - STAFF_GROUP_CACHE_MINUTES, STORAGE_TIMEOUT_MS, REQUEST_BODY_TIMEOUT_MS, OUTAGE_HELD_EVENTS: their defaults
//   suit App Service.
var appSettings = concat(
  [
    { name: 'NODE_ENV', value: 'production' }
    // App Service routes traffic to this port inside the container, on every interface.
    { name: 'PORT', value: '8080' }
    { name: 'WEBSITES_PORT', value: '8080' }
    { name: 'HOST', value: '0.0.0.0' }
    { name: 'LOG_LEVEL', value: logLevel }
    // Persistent, per-app storage on App Service: the journal of events held during a storage outage.
    { name: 'DATA_DIR', value: '/home/data' }
    { name: 'BOT_ID', value: botAppId }
    { name: 'BOT_TENANT_ID', value: tenant().tenantId }
    { name: 'BOT_TYPE', value: useDeveloperPortalBot ? 'SingleTenant' : 'UserAssignedMSI' }
    { name: 'STORAGE_ACCOUNT_URL', value: storage.properties.primaryEndpoints.table }
    { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
    { name: 'AAD_APP_CLIENT_ID', value: aadAppClientId }
    { name: 'AAD_APP_TENANT_ID', value: aadAppTenantId }
    { name: 'AAD_APP_ALLOWED_TENANTS', value: aadAppAllowedTenants == notUsed ? '' : aadAppAllowedTenants }
    // Empty: booking lessons from the tab is not set up (the service treats an empty value as unset).
    { name: 'AAD_APP_CLIENT_SECRET', value: aadAppClientSecret == notUsed ? '' : aadAppClientSecret }
    { name: 'AAD_AUTHORITY_HOST', value: aadAuthorityHost }
    { name: 'TAB_DOMAIN', value: tabDomain }
    { name: 'POLICY_PRESET', value: policyPreset }
    { name: 'POLICY_FILE', value: policyFile == notUsed ? '' : policyFile }
    { name: 'STAFF_DIRECTORY_FILE', value: staffDirectoryFile == notUsed ? '' : staffDirectoryFile }
    { name: 'STAFF_GROUP_ID', value: staffGroupId == notUsed ? '' : staffGroupId }
    { name: 'TEAMS_APP_ID', value: teamsAppId }
    { name: 'GRAPH_BASE_URL', value: graphBaseUrl }
    { name: 'GRAPH_ENFORCE_SETTINGS', value: graphEnforceSettings }
    { name: 'SWEEP_INTERVAL_MS', value: string(sweepIntervalMs) }
    { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
    // The deploy stage uploads a built app with its production node_modules: no build on the server.
    { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
  ],
  // Only a Developer Portal bot has a secret; the managed-identity bot needs none.
  useDeveloperPortalBot ? [{ name: 'BOT_PASSWORD', value: developerPortalBotPassword }] : []
)

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Stateless: any instance may serve any request.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: appSettings
    }
  }
  dependsOn: [tables, tableDataRole]
}

// Console output (the service's JSON logs) and HTTP logs go to Log Analytics.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
    ]
  }
}

// The Bot Framework registration, authenticated by the managed identity: no password anywhere.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = if (!useDeveloperPortalBot) {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' } // the Teams channel is a standard channel: free
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${tabDomain}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = if (!useDeveloperPortalBot) {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// Written to env/.env.<name> by the Teams Toolkit (same names) and used by teamsapp.yml and the manifest.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_ID string = botAppId
output BOT_DOMAIN string = tabDomain
output TAB_DOMAIN string = tabDomain
output TAB_ENDPOINT string = 'https://${tabDomain}'
// For the Graph permission grants and the Teams application access policy (admin guide).
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output STORAGE_ACCOUNT_URL string = storage.properties.primaryEndpoints.table
