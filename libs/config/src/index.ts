export * from './config-slice';
export * from './config.module';
export * from './env.schema';
export * from './validate-env';
export * from './logging.module';
export * from './install-root';
