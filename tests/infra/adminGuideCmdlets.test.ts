import { strict as assert } from 'node:assert';
import { read } from './shippingFiles.js';

/**
 * The module each cmdlet the admin guide may use ships in, from Microsoft's reference pages:
 * https://learn.microsoft.com/powershell/module/<module>/<cmdlet> (for example
 * https://learn.microsoft.com/powershell/module/microsoft.graph.beta.teams/update-mgbetateamworkteamappsetting and
 * https://learn.microsoft.com/powershell/module/microsoftteams/new-csapplicationaccesspolicy).
 * `BUILT_IN` is PowerShell 7 itself. Update-MgTeamworkTeamAppSetting (v1.0, Microsoft.Graph.Teams) is
 * deliberately absent: it has no -IsChatResourceSpecificConsentEnabled; only the beta cmdlet does.
 */
const MODULE_OF: Record<string, string> = {
  'Connect-MgGraph': 'Microsoft.Graph.Authentication',
  'Get-MgServicePrincipal': 'Microsoft.Graph.Applications',
  'New-MgServicePrincipal': 'Microsoft.Graph.Applications',
  'New-MgServicePrincipalAppRoleAssignment': 'Microsoft.Graph.Applications',
  'Get-MgUser': 'Microsoft.Graph.Users',
  'Get-MgBetaTeamworkTeamAppSetting': 'Microsoft.Graph.Beta.Teams',
  'Update-MgBetaTeamworkTeamAppSetting': 'Microsoft.Graph.Beta.Teams',
  'Connect-MicrosoftTeams': 'MicrosoftTeams',
  'New-CsApplicationAccessPolicy': 'MicrosoftTeams',
  'Grant-CsApplicationAccessPolicy': 'MicrosoftTeams',
  'Set-CsApplicationAccessPolicy': 'MicrosoftTeams',
  'Remove-CsApplicationAccessPolicy': 'MicrosoftTeams',
  'Remove-CsGroupPolicyAssignment': 'MicrosoftTeams',
  'Install-Module': 'BUILT_IN',
  'Select-Object': 'BUILT_IN',
  'Where-Object': 'BUILT_IN',
  'ForEach-Object': 'BUILT_IN',
};

/** PowerShell's approved verbs (Get-Verb), plus Where and ForEach of the core cmdlets. */
const VERBS = new Set(
  (
    'Add Clear Close Copy Enter Exit Find Format Get Hide Join Lock Move New Open Optimize Pop Push Redo Remove Rename Reset Resize ' +
    'Search Select Set Show Skip Split Step Switch Undo Unlock Watch Connect Disconnect Read Receive Send Write Backup Checkpoint ' +
    'Compare Compress Convert ConvertFrom ConvertTo Dismount Edit Expand Export Group Import Initialize Limit Merge Mount Out Publish ' +
    'Restore Save Sync Unpublish Update Debug Measure Ping Repair Resolve Test Trace Approve Assert Build Complete Confirm Deny Deploy ' +
    'Disable Enable Install Invoke Register Request Restart Resume Start Stop Submit Suspend Uninstall Unregister Wait Block Grant ' +
    'Protect Revoke Unblock Unprotect Use Where ForEach'
  ).split(' '),
);

const guide = (): string => {
  const readme = read('README.md');
  return readme.slice(readme.indexOf('\n## Admin guide'));
};

/** Text inside code: fenced blocks and `inline spans`. */
const codeIn = (text: string): string[] =>
  Array.from(text.matchAll(/```[a-z]*\n([\s\S]*?)```|`([^`\n]+)`/g), (m) => m[1] ?? m[2] ?? '');

/** Every Verb-Noun command the guide shows in code. */
function cmdletsIn(text: string): string[] {
  const names = codeIn(text).flatMap((code) =>
    Array.from(code.matchAll(/\b([A-Z][a-zA-Z]+)-([A-Z][A-Za-z]+)\b/g), (m) => m[0]),
  );
  return [...new Set(names.filter((name) => VERBS.has(name.split('-')[0] ?? '')))];
}

/** Modules the guide tells the admin to install, from its `Install-Module a, b` commands. */
function installedModules(text: string): string[] {
  const lists = codeIn(text).flatMap((code) =>
    Array.from(code.matchAll(/Install-Module\s+([\w.]+(?:\s*,\s*[\w.]+)*)/g), (m) => m[1] ?? ''),
  );
  return lists.flatMap((list) => list.split(/\s*,\s*/));
}

/** A module counts as installed when the guide installs it or the roll-up module that carries it. */
function isInstalled(module: string, installed: string[]): boolean {
  if (module === 'BUILT_IN' || installed.includes(module)) return true;
  if (module.startsWith('Microsoft.Graph.Beta.')) return installed.includes('Microsoft.Graph.Beta');
  return module.startsWith('Microsoft.Graph.') && installed.includes('Microsoft.Graph');
}

describe('infra: the admin guide uses only PowerShell it tells the admin to install', () => {
  it('finds the cmdlets and the install line (a guard against vacuous passes)', () => {
    assert.ok(cmdletsIn(guide()).includes('Connect-MgGraph'));
    assert.ok(installedModules(guide()).includes('MicrosoftTeams'));
    assert.deepEqual(
      cmdletsIn('`Grant-CsX -PolicyName Chaperone-Lessons`'),
      ['Grant-CsX'],
      'a policy name is not a cmdlet',
    );
  });

  it('names only cmdlets whose module is known here', () => {
    assert.deepEqual(
      cmdletsIn(guide()).filter((name) => !(name in MODULE_OF)),
      [],
    );
  });

  it('tells the admin to install the module of every cmdlet it names', () => {
    const installed = installedModules(guide());
    const missing = cmdletsIn(guide()).filter((name) => !isInstalled(MODULE_OF[name] ?? '', installed));
    assert.deepEqual(
      missing.map((name) => `${name} (${MODULE_OF[name]})`),
      [],
    );
  });

  it('would catch the v1.0 cmdlet that cannot switch resource-specific consent on', () => {
    assert.deepEqual(
      cmdletsIn('`Update-MgTeamworkTeamAppSetting -IsChatResourceSpecificConsentEnabled:$true`').filter(
        (n) => !(n in MODULE_OF),
      ),
      ['Update-MgTeamworkTeamAppSetting'],
    );
    assert.ok(
      !isInstalled(MODULE_OF['Update-MgBetaTeamworkTeamAppSetting'] ?? '', ['MicrosoftTeams', 'Microsoft.Graph']),
    );
  });
});
