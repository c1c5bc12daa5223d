export * from './bid-csv.writer';
export * from './bid-workbook.writer';
export * from './euro-amounts.format';
export * from './ocds-package';
export * from './ocds-package.validator';
export * from './scenario-workbook.columns';
export * from './scenario-workbook.reader';
export * from './scenario-workbook.writer';
