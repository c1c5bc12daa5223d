export * from './amendment-pdf.renderer';
export * from './buyer-letter.renderer';
export * from './convention-articles';
export * from './convention-pdf.renderer';
export * from './convention-template.fr';
export * from './dc-sheets.renderer';
export * from './replan-amendment-pdf.renderer';
