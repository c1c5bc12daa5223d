import { Command } from 'commander';
import path from 'node:path';
import { DomainErrorCode, isDomainError } from '@cordage/domain';
import { InvalidConfigError, loadDotEnv } from '@cordage/config';
import { withCliContext } from './cli-context';
import { importScenarioFile } from './commands/import.command';
import { migrate, seedTerritories } from './commands/migrate.command';

const EXAMPLE = path.resolve(__dirname, '..', '..', '..', 'examples', 'colleges-93.json');

const program = new Command('cordage')
  .description('Cordage : candidatures groupées des réseaux de l’ESS aux marchés publics')
  .showHelpAfterError();

program
  .command('migrate')
  .description('Applique les migrations de la base et charge les territoires officiels')
  .option('--no-seed', 'ne pas charger les territoires')
  .action(async (options: { seed: boolean }) => {
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
  .argument('<file>', 'fichier JSON')
  .action(async (file: string) => {
    await withCliContext(async (app) => {
      const showProgress = process.stderr.isTTY
        ? (percent: number, step: string) =>
            process.stderr.write(`\r${String(percent).padStart(3)} % ${step.padEnd(16)}`)
        : undefined;
      const imported = await importScenarioFile(app, file, showProgress);
      if (showProgress) process.stderr.write('\n');
      console.log(JSON.stringify(imported, null, 2));
    });
  });

program
  .command('demo')
  .description('Prépare la démo : migrations, territoires et la candidature exemple (idempotent)')
  .action(async () => {
    await withCliContext(async (app) => {
      await migrate(app);
      await seedTerritories(app);
      try {
        const imported = await importScenarioFile(app, EXAMPLE);
        console.log(`Candidature exemple importée : ${imported.bidId}`);
      } catch (error) {
        if (!isDomainError(error) || error.code !== DomainErrorCode.DUPLICATE_TENDER) throw error;
        console.log(`Candidature exemple déjà présente : ${String(error.details.bidId)}`);
      }
    });
  });

function report(error: unknown): number {
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

loadDotEnv();
program.parseAsync().catch((error: unknown) => {
  process.exitCode = report(error);
});
