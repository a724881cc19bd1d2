// The CLI issue fills this in.
process.stderr.write('redis-tasks: not built yet\n');
process.exit(2);
