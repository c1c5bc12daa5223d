import {
  Button,
  Fieldset,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type Control, useFieldArray, useWatch } from 'react-hook-form';
import type { FieldBinder } from '../ui/fields';
import { formatCents, parseEuros } from '../ui/format';
import { type ConsultationValues, newCell } from './consultation';
import { DecimalInput } from '../ui/DecimalInput';
import { TerritoryField } from '../ui/TerritorySelect';

interface LotFieldsProps {
  index: number;
  control: Control<ConsultationValues>;
  field: FieldBinder<ConsultationValues>;
  onRemove: (() => void) | null;
  disabled: boolean;
  /** The territories picked so far in the form: the search lists their neighbours first. */
  near: readonly string[];
}

/** One lot: its number, title, amount and insertion hours, then its territories and sites. */
export function LotFields({ index, control, field, onRemove, disabled, near }: LotFieldsProps) {
  const name = `tender.lots.${index}` as const;
  const cells = useFieldArray({ control, name: `${name}.cells` });
  const [number, amount] = useWatch({ control, name: [`${name}.number`, `${name}.amount`] });
  const cents = parseEuros(amount);
  const lotName = number.trim() ? `Lot n° ${number.trim()}` : `Lot ${index + 1}`;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={lotName}>
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={4}>{lotName}</Title>
          {onRemove && (
            <Button
              variant="subtle"
              color="red"
              // The subtle variant writes a lighter red than asked: 4.5:1 on white needs red.9.
              c="red.9"
              size="compact-sm"
              onClick={onRemove}
              disabled={disabled}
            >
              Retirer le {lotName.toLowerCase()}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DecimalInput label="Numéro du lot" integer required {...field(`${name}.number`)} />
          <TextInput label="Intitulé du lot" required {...field(`${name}.title`)} />
          <DecimalInput
            label="Montant du lot (€ HT)"
            unit="€"
            description={
              cents !== null && cents > 0
                ? `Soit ${formatCents(cents)} HT`
                : 'En euros hors taxes, par exemple 480 000,00'
            }
            required
            {...field(`${name}.amount`)}
          />
          <DecimalInput
            label="Heures d’insertion exigées"
            unit="h"
            integer
            description="0 si le lot n’a pas de clause d’insertion"
            required
            {...field(`${name}.insertionHours`)}
          />
        </SimpleGrid>

        <Title order={5}>Territoires du lot</Title>
        <Text size="sm">
          Pour chaque territoire, les heures de travail que le lot y demande. Un site particulier
          (un collège, un dépôt) se rattache à un territoire de la liste officielle.
        </Text>
        {cells.fields.map((cell, cellIndex) => {
          const at = `${name}.cells.${cellIndex}` as const;
          const isSite = cell.kind === 'site';
          const legend = `${isSite ? 'Site particulier' : 'Territoire'} ${cellIndex + 1}`;
          return (
            <Fieldset key={cell.id} legend={legend} variant="filled" p="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {isSite ? (
                  <>
                    <TextInput
                      label="Identifiant du site"
                      description="Sans espace ni accent, par exemple col-jean-vilar"
                      required
                      {...field(`${at}.slug`)}
                    />
                    <TextInput
                      label="Nom du site"
                      description="Par exemple Collège Jean Vilar"
                      required
                      {...field(`${at}.label`)}
                    />
                    <TerritoryField
                      control={control}
                      near={near}
                      name={`${at}.parent`}
                      label="Territoire où se trouve le site"
                      required
                    />
                  </>
                ) : (
                  <TerritoryField
                    control={control}
                    near={near}
                    name={`${at}.territory`}
                    label="Territoire"
                    required
                  />
                )}
                <DecimalInput
                  label="Heures demandées"
                  unit="h"
                  required
                  {...field(`${at}.demandHours`)}
                />
              </SimpleGrid>
              {cells.fields.length > 1 && (
                <Button
                  mt="xs"
                  variant="subtle"
                  color="red"
                  c="red.9"
                  size="compact-sm"
                  disabled={disabled}
                  onClick={() => cells.remove(cellIndex)}
                >
                  Retirer {isSite ? 'le site' : 'le territoire'} {cellIndex + 1}
                </Button>
              )}
            </Fieldset>
          );
        })}
        <Group>
          <Button
            variant="light"
            disabled={disabled}
            onClick={() => cells.append(newCell('territory'))}
          >
            Ajouter un territoire
          </Button>
          <Button variant="light" disabled={disabled} onClick={() => cells.append(newCell('site'))}>
            Ajouter un site particulier
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
