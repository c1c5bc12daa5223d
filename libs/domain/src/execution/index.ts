export * from './contract-periods';
export * from './drift';
export * from './planned-split';
export * from './realised-figures';
export * from './replan';
export * from './contract-reports';
export * from './replan-amendment';
export * from './orders';
