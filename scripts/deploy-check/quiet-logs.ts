// Imported first: the local cloud's bridge logs every failed delivery, and the dead-letter check fails some on purpose.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
