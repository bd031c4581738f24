console.log('quick-add');
