console.log('focus');
