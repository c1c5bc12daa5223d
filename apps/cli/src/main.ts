import type { INestApplicationContext } from '@nestjs/common';
import { Command } from 'commander';

// Each command loads what it needs when it runs (`await import`): the domain, Nest, TypeORM and
// the PDF libraries take seconds to load, and `cordage --help` needs none of them. The .env file
// is read by the commands that read the environment (cli-context.ts, documents).

/** Runs `work` with the database wired (cli-context.ts), loaded only by the commands that need it. */
async function withCliContext<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  return (await import('./cli-context')).withCliContext(work);
}

/** A progress line on a terminal; nothing when the output goes to a file or a pipe. */
function progressOnTerminal(): ((percent: number, step: string) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (percent, step) =>
    process.stderr.write(`\r${String(percent).padStart(3)} % ${step.padEnd(16)}`);
}

const program = new Command('cordage')
  .description('Cordage : candidatures groupées des réseaux de l’ESS aux marchés publics')
  .showHelpAfterError();

program
  .command('migrate')
  .description('Applique les migrations de la base et charge les territoires officiels')
  .option('--no-seed', 'ne pas charger les territoires')
  .action(async (options: { seed: boolean }) => {
    const { migrate, seedTerritories } = await import('./commands/migrate.command');
    await withCliContext(async (app) => {
      const applied = await migrate(app);
      console.log(
        applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'Base à jour.',
      );
      if (options.seed) {
        const report = await seedTerritories(app);
        console.log(
          `Territoires officiels : ${report.territories} (${JSON.stringify(report.byLevel)})`,
        );
      }
    });
  });

program
  .command('import')
  .description('Importe un fichier de scénario cordage.scenario/1 (tout ou rien)')
  .argument('<file>', 'fichier cordage.scenario/1 (JSON ou XLSX)')
  .option('--network <name>', 'réseau propriétaire de la candidature (créé s’il n’existe pas)')
  .action(async (file: string, options: { network?: string }) => {
    const { importScenarioFile } = await import('./commands/import.command');
    await withCliContext(async (app) => {
      const showProgress = progressOnTerminal();
      const imported = await importScenarioFile(app, file, {
        network: options.network,
        onProgress: showProgress,
      });
      if (showProgress) process.stderr.write('\n');
      console.log(JSON.stringify(imported, null, 2));
    });
  });

program
  .command('allocate')
  .description('Calcule la répartition d’un fichier de scénario, hors ligne (sans base ni Redis)')
  .argument('<file>', 'fichier cordage.scenario/1 (JSON ou XLSX)')
  .requiredOption('--out <file>', 'fichier JSON du résultat')
  .option('--emit-lp <dir>', 'écrit aussi les modèles des trois étapes (stage1.lp … stage3.lp)')
  .action(async (file: string, options: { out: string; emitLp?: string }) => {
    const { allocateFile } = await import('./commands/allocate.command');
    const showProgress = progressOnTerminal();
    const { result } = await allocateFile(file, { ...options, onProgress: showProgress });
    if (showProgress) process.stderr.write('\n');
    const { coverage, proximity, fairness } = result.optima;
    console.log(
      `Répartition écrite dans ${options.out} : ${result.members.length} parts, ` +
        `${result.warnings.length} avertissement(s) ; optima couverture ${coverage}, ` +
        `proximité ${proximity}, équité ${fairness}.`,
    );
  });

program
  .command('documents')
  .description(
    'Calcule la répartition d’un scénario et écrit la convention, les fiches DC1 et DC4, le XLSX, ' +
      'le CSV et le paquet OCDS, hors ligne (sans base ni Redis)',
  )
  .argument('<file>', 'fichier de scénario cordage.scenario/1 (JSON ou XLSX)')
  .requiredOption('--out <dir>', 'dossier où écrire les documents')
  .option('--settings <file>', 'paramètres de la convention (JSON), sinon ceux par défaut')
  .option('--date <iso>', 'date des documents (ISO 8601), maintenant par défaut')
  .action(async (file: string, options: { out: string; settings?: string; date?: string }) => {
    const { loadDotEnv, publicUrlEnv, validateEnv } = await import('@cordage/config');
    loadDotEnv();
    const { documentsForFile } = await import('./commands/documents.command');
    const { PUBLIC_URL } = validateEnv(process.env, publicUrlEnv);
    const documents = await documentsForFile(file, {
      ...options,
      publicUrl: PUBLIC_URL,
      onProgress: progressOnTerminal(),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(`${documents.length} documents écrits dans ${options.out} :`);
    for (const document of documents) console.log(`  ${document.filename}`);
  });

program
  .command('demo')
  .description(
    'Prépare la démo : migrations, territoires, réseau, utilisateurs et candidature exemple (idempotent)',
  )
  .action(async () => {
    const { prepareDemo } = await import('./commands/demo.command');
    await withCliContext(async (app) => {
      const demo = await prepareDemo(app);
      console.log(
        demo.created
          ? `Candidature exemple importée : ${demo.bidId}`
          : `Candidature exemple déjà présente : ${demo.bidId}`,
      );
      console.log(`Lien de connexion du coordinateur (15 min) : ${demo.coordinatorLink}`);
      console.log(`Lien de connexion de l’administrateur (15 min) : ${demo.adminLink}`);
    });
  });

program
  .command('login-link')
  .description('Affiche un lien de connexion pour un utilisateur existant (support ; journalisé)')
  .requiredOption('--email <address>', 'adresse de l’utilisateur')
  .action(async (options: { email: string }) => {
    const { loginLink } = await import('./commands/login-link.command');
    await withCliContext(async (app) => console.log(await loginLink(app, options.email)));
  });

program
  .command('audit')
  .description('Journal d’audit')
  .command('verify')
  .description(
    'Vérifie la chaîne de hachage du journal : une ligne modifiée ou supprimée est détectée',
  )
  .action(async () => {
    const { verifyAudit } = await import('./commands/audit.command');
    await withCliContext(async (app) => {
      const result = await verifyAudit(app);
      if (result.ok) {
        console.log(`Journal d’audit intact : ${result.checked} entrées vérifiées.`);
      } else {
        console.error(
          `Journal d’audit ALTÉRÉ à l’entrée ${result.brokenAt} : ${result.reason} ` +
            `(${result.checked} entrées intactes avant elle).`,
        );
        process.exitCode = 3;
      }
    });
  });

async function report(error: unknown): Promise<number> {
  const { InvalidConfigError } = await import('@cordage/config');
  const { isDomainError } = await import('@cordage/domain');
  if (error instanceof InvalidConfigError) {
    console.error(error.message);
    return 78; // EX_CONFIG
  }
  if (isDomainError(error)) {
    console.error(error.message);
    for (const problem of error.problems) console.error(`  ${problem.path} : ${problem.message}`);
    return 2;
  }
  console.error(error);
  return 1;
}

program.parseAsync().catch(async (error: unknown) => {
  process.exitCode = await report(error);
});
