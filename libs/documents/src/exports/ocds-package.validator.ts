import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import releasePackageSchema from './ocds-1.1.5/release-package-schema.json';
import releaseSchema from './ocds-1.1.5/release-schema.json';

/** Keywords of OCDS's schemas that carry metadata for its tools, not validation rules. */
const OCDS_METADATA_KEYWORDS = [
  'codelist',
  'openCodelist',
  'deprecated',
  'omitWhenMerged',
  'wholeListMerge',
  'versionId',
];

let validator: ValidateFunction | undefined;

/** An ajv for OCDS's draft-04 schemas and their extensions: their metadata keywords and formats. */
export function ocdsAjv(): Ajv04 {
  // OCDS types fields as unions (["string", "null"]), which ajv's strict mode only warns about.
  const ajv = new Ajv04({ allErrors: true, allowUnionTypes: true });
  ajv.addVocabulary(OCDS_METADATA_KEYWORDS);
  addFormats(ajv);
  return ajv;
}

/** Compiling the 90 kB release schema takes a while: once, on first use. */
function compiled(): ValidateFunction {
  if (!validator) {
    const ajv = ocdsAjv();
    // The package schema $refs the release schema by its id.
    ajv.addSchema(releaseSchema, releaseSchema.id);
    validator = ajv.compile(releasePackageSchema);
  }
  return validator;
}

/** Validates a release package against the OCDS 1.1.5 core schemas (extensions are not checked). */
export function validateOcdsPackage(pkg: unknown): { valid: boolean; errors: string[] } {
  const validate = compiled();
  const valid = validate(pkg);
  return {
    valid,
    errors: (validate.errors ?? []).map(
      (error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`,
    ),
  };
}
