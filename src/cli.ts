console.log('sourcebook CLI');
