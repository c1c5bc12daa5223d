import { TextInput } from '@mantine/core';
import type { Control } from 'react-hook-form';
import type { FieldBinder } from '../ui/fields';
import { FormSelect } from '../ui/FormSelect';
import { IDENTIFIER_SCHEME_OPTIONS } from '../ui/identifiers';
import type { ConsultationValues } from './consultation';

/**
 * How the buyer or the mandataire is identified: the scheme (SIRET, SIREN, BCE), then the number,
 * typed with or without spaces. `whose` ends both labels: « de l’acheteur », « du mandataire ».
 */
export function IdentifierFields({
  control,
  field,
  of,
  whose,
}: {
  control: Control<ConsultationValues>;
  field: FieldBinder<ConsultationValues>;
  of: 'tender.buyer' | 'mandataire';
  whose: string;
}) {
  return (
    <>
      <FormSelect
        control={control}
        name={`${of}.idScheme`}
        label={`Identifiant ${whose}`}
        data={IDENTIFIER_SCHEME_OPTIONS}
        allowDeselect={false}
        required
      />
      <TextInput
        label={`Numéro d’identification ${whose}`}
        description="Les espaces sont acceptés"
        inputMode="numeric"
        required
        {...field(`${of}.id`)}
      />
    </>
  );
}
