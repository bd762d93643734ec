import 'reflect-metadata';
import { emitSchemaFile } from './schema.js';

await emitSchemaFile();
console.log('wrote packages/server/schema.graphql');
