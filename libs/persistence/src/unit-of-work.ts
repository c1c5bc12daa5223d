import { ClsPluginTransactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Inject } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';

/**
 * The unit of work. A use case marked `@Transactional()` (or wrapped in `withTransaction`) runs in
 * one database transaction, carried by the async context; a repository reads and writes through
 * `db.tx`, which is that transaction's manager inside a use case and the pool outside one. So a
 * repository never opens, commits or passes a transaction itself.
 */
export type Db = TransactionHost<TransactionalAdapterTypeOrm>;

/** Injects the unit of work's `Db` (an alias carries no runtime token of its own). */
export const InjectDb = () => Inject(TransactionHost);

export { Propagation, Transactional, TransactionHost } from '@nestjs-cls/transactional';

/** The nestjs-cls plugin that makes the unit of work above run on the one TypeORM DataSource. */
export const unitOfWorkPlugin = () =>
  new ClsPluginTransactional({
    adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
  });
