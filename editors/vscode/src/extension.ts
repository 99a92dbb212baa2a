// Hotline's VS Code extension: the `hotline` debug type runs `hotline dap` (the debug adapter, on stdio), picks a
// service of the run directory when the configuration names none, and reloads the edited class on command or
// on save.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

const DEBUG_TYPE = 'hotline';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new AdapterFactory()),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new ConfigurationProvider()),
    vscode.commands.registerCommand('hotline.reloadClass', () => reloadActiveEditor()),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.languageId === 'java' && settings().get<boolean>('reloadOnSave', false)) {
        void reload(document.fileName, false);
      }
    }),
  );
}

export function deactivate(): void {
  // Nothing to release: VS Code ends the adapter process with the debug session.
}

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('hotline');
}

/** Runs `hotline dap`, the command the `hotline.command` setting names. */
class AdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    return new vscode.DebugAdapterExecutable(settings().get<string>('command', 'hotline'), ['dap']);
  }
}

/** Fills in what a configuration leaves out: F5 without launch.json attaches; no target asks which service. */
class ConfigurationProvider implements vscode.DebugConfigurationProvider {
  async resolveDebugConfiguration(
    folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): Promise<vscode.DebugConfiguration | undefined> {
    if (!config.type && !config.request) {
      config.type = DEBUG_TYPE;
      config.request = 'attach';
      config.name = 'Hotline: attach';
    }
    if (!config.sourceRoots && folder) {
      config.sourceRoots = [path.join(folder.uri.fsPath, 'src', 'main', 'java')];
    }
    if (config.request === 'attach' && !config.target) {
      const picked = await pickService(config.dir);
      if (!picked) {
        return undefined; // the user dismissed the picker: no session
      }
      config.target = picked;
    }
    return config;
  }
}

/** The run directory's services (its NAME.port files), to pick one from. */
async function pickService(dir: string | undefined): Promise<string | undefined> {
  const runDir = dir || path.join(os.homedir(), '.hotline', 'run');
  let names: string[] = [];
  try {
    names = fs.readdirSync(runDir).filter((f) => f.endsWith('.port')).map((f) => f.slice(0, -'.port'.length));
  } catch {
    // no run directory: said below
  }
  if (names.length === 0) {
    void vscode.window.showErrorMessage(
      `Hotline: no running services in ${runDir}. Start one (hotline start CONFIG) or set "target" in launch.json.`,
    );
    return undefined;
  }
  return vscode.window.showQuickPick(names.sort(), { placeHolder: `A service of ${runDir} to attach to` });
}

function reloadActiveEditor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage('Hotline: open the Java file or class file to reload.');
    return Promise.resolve();
  }
  return reload(editor.document.fileName, true);
}

/** Reloads `file` in the service the active Hotline session is attached to, and says how it went. */
async function reload(file: string, sayWhenNoSession: boolean): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  if (!session || session.type !== DEBUG_TYPE) {
    if (sayWhenNoSession) {
      void vscode.window.showErrorMessage('Hotline: no Hotline debug session is active; attach to the service first.');
    }
    return;
  }
  try {
    const answer: { report?: string } = await session.customRequest('hotline/reload', { files: [file] });
    const firstLine = (answer.report || 'reloaded').split('\n')[0];
    void vscode.window.showInformationMessage(`Hotline: ${firstLine}`);
  } catch (error) {
    void vscode.window.showErrorMessage(`Hotline: reload of ${path.basename(file)} failed: ${String(error)}`);
  }
}
