console.log('reflection');
