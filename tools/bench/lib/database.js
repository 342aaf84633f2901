'use strict';
// The database a bench runs against: its kind, and dropping a bench's database at the end.

/** 'ferretdb' or 'mongodb', from the server's buildInfo; `embedded` decides when it cannot tell. */
async function databaseKind(db, { embedded = false } = {}) {
  try {
    const info = await db.admin().command({ buildInfo: 1 });
    const text = JSON.stringify(info).toLowerCase();
    return info.ferretdbVersion || info.ferretdb || text.includes('ferretdb')
      ? 'ferretdb'
      : 'mongodb';
  } catch {
    return embedded ? 'ferretdb' : 'mongodb';
  }
}

/** Drops database `name` on the server at `url`; reports failure through `log` only. */
async function dropDatabase(url, name, { log = () => {} } = {}) {
  const { MongoClient } = require('mongoose').mongo;
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
    await client.db(name).dropDatabase();
  } catch (err) {
    log(`could not drop database ${name}: ${err.message}`);
  } finally {
    await client.close().catch(() => {});
  }
}

module.exports = { databaseKind, dropDatabase };
